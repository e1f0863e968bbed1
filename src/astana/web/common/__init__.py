"""The shared web base every app builds on: why an action is refused (``errors``), the refusal
page and the acting user (``pages``), existence-safe look-ups (``access``), the one audit
record (``AuditEntry``, written only by ``audit.audit``), the live events of a round
(``RoundEvent``, written by ``events.event``) and the registry through which the apps below
the signed record reach it (``record``). It imports no other app of ``astana.web`` but
``processes`` and ``accounts``' models."""
