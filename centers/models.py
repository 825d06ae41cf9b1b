"""市民センター, their management and usage (models arrive with the bodies issue)."""
