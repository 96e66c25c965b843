from gongkai.agencies.testing import fast_password_hashing  # noqa: F401  (fixture)
