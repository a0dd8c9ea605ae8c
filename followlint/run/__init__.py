"""Running a lint over many drafts: file walking, the cache, worker processes, the spool and progress."""
