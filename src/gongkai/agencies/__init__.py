"""Agencies (the tree of 行政机关), staff memberships and roles, and the access rules every app uses."""
