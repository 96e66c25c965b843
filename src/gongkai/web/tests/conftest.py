from gongkai.agencies.testing import fast_password_hashing, world  # noqa: F401  (fixtures)
