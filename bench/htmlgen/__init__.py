"""Generated news pages in the shapes real CMSs produce, with their gold (a held-out check)."""
