"""Settings for the test suite: the production settings (DEBUG off) with a throwaway secret key."""
import os

os.environ.setdefault("IPENFORCE_SECRET_KEY", "test-suite-only-key-0123456789-abcdefghijklmnopqrstuvwxyz")

from config.settings import *  # noqa: E402,F403

STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405 — whitenoise warns when it is missing
