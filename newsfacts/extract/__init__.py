"""Pure extraction: text and publication date in, mention records out. No I/O, no Prefect."""
