"""Importers for sanctions, restricted-party and ownership lists, one module per format."""
