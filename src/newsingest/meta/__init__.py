"""News metadata: bylines, dates, and HTML meta tags / JSON-LD."""
