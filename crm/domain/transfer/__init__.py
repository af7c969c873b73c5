"""Data in and out: column mappings and presets, import rows and their errors, export columns, jobs and bulk
actions (pure rules; the use cases are in crm.services.transfer)."""
