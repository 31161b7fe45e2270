"""System checks that `manage.py check --deploy` runs on top of Django's own."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def check_secret_key_is_set(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    if settings.SECRET_KEY == settings.INSECURE_DEFAULT_SECRET_KEY:
        return [
            Error(
                "SECRET_KEY is the development default.",
                hint="Set SECRET_KEY in the environment to a long random value.",
                id="pazanga.E001",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_cache_is_shared(app_configs, **kwargs):  # type: ignore[no-untyped-def]
    backend = settings.CACHES["default"]["BACKEND"]
    if not settings.DEBUG and backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is each process's own memory, so every worker keeps its own "
                "rate-limit counters and the limits multiply by the number of workers.",
                hint="Set REDIS_URL (e.g. redis://127.0.0.1:6379/1).",
                id="pazanga.W002",
            )
        ]
    return []
