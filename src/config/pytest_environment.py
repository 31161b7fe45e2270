"""Environment of the test suite, set before pytest-django imports the settings.

pyproject.toml loads this as a plugin (`-p config.pytest_environment`) because settings
are read at start-up: with DEBUG unset (as in production) they need a SECRET_KEY. The
key below signs nothing outside the tests; a key set in the environment wins. The cache is
always each process's own memory (every test starts by emptying it, which on a Redis from
the environment would flush someone's data); tests that need Redis say so themselves.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-suite-only-key-2f9c1e7a5b3d8e0f4a6c2b9d7e1f3a5c8b0d2e4f")
os.environ["REDIS_URL"] = ""
