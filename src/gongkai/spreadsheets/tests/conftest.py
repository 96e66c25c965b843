from gongkai.agencies.testing import world  # noqa: F401  (fixture)
