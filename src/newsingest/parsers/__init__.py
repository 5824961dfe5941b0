"""Built-in parsers (text, PDF, HTML), each a plugin registered through ``register_parsers``."""
