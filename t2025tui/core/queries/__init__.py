"""Read models for screens, the command line and the export. Nothing here writes."""
