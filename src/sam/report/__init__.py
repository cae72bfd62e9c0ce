"""`sam report`: the KPI-myopia report (static HTML + PNG charts) drawn from the marts."""
