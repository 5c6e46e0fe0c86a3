"""The `paramscope` plugin: producers computed when stale, their facts, tables, figures and data on the pages."""
