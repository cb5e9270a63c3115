"""The ASGI web app: visitor pages, the organiser and operator console, and the JSON API.

:func:`~diandian.web.app.create_app` builds one Litestar app over one platform object; the
visitor pages live in :mod:`diandian.web.visitor`, the console in :mod:`diandian.web.console`
and ``/api/v1`` in :mod:`diandian.web.api`. Each exports ``ROUTES``, the handlers and routers
that ``create_app`` mounts.
"""
