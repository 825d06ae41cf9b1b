"""Regions, 地域協働体 and their annual reports (models arrive with the bodies issue)."""
