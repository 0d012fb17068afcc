"""Settings for the test suite: the app's own settings with DEBUG's defaults.

pytest-django turns DEBUG off while tests run; this only spares the suite
the production checks (a real SECRET_KEY, HTTPS redirect) that tests of
their own exercise in a subprocess.
"""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "true")

from capacity.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Job files and cached PDFs (core/jobs) in a directory of the test run's own, never the repo's.
PRIVATE_ROOT = Path(os.environ.get("PRIVATE_ROOT") or tempfile.mkdtemp(prefix="capacity-test-private-"))
