"""The grammar service: Harper (embedded, default) and LanguageTool (opt-in), behind one interface."""
