"""The Django project: settings, root URLs, base templates and static assets, demo loader."""
