"""Settings for the test suite: the app's own settings with DEBUG's defaults.

pytest-django turns DEBUG off while tests run; this only spares the suite
the production checks (a real SECRET_KEY, HTTPS redirect) that tests of
their own exercise in a subprocess.
"""

import os

os.environ.setdefault("DEBUG", "true")

from capacity.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
