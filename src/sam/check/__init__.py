"""`sam check`: the data-quality gate over the marts (great-expectations checkpoint)."""
