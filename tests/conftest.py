"""Hypothesis profiles: a short run for `make test`, a long one for `make fuzz` (HYPOTHESIS_PROFILE=fuzz)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=200, deadline=None)
# `make fuzz`: 25,000 examples for each of the four property tests, 100,000 inputs in all.
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "25000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
