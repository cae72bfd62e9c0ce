"""GA4 BigQuery export: schema and file layout shared by the demo generator and the importer."""
