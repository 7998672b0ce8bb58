"""The Datasette plugin `t2025 serve` registers: marking, metadata, plain cells, read-only HTTP."""

import markupsafe
from datasette import hookimpl
from datasette.utils import is_url

from t2025tui.publish.site import Site

PLUGIN_NAME = "t2025tui-publish"
RAG_CLASSES = {
    "Red": "red",
    "Amber/Red": "amber-red",
    "Amber": "amber",
    "Amber/Green": "amber-green",
    "Green": "green",
}
RAG_COLUMNS = {
    "rag",
    "at_last_board",
    "overall_rag",
    "risk_rag",
    "band",
    "inherent_band",
    "residual_band",
}
READ_METHODS = {"GET", "HEAD"}
REFUSAL = (
    b"This is a read-only view of the programme: nothing can be changed here. "
    b"Changes are made in the t2025 app on the programme manager's laptop.\n"
)


class Publication:
    """Hooks reading the current `site`, which the refresher replaces with each snapshot."""

    def __init__(self, site: Site):
        self.site = site
        self.__name__ = PLUGIN_NAME  # Datasette lists its plugins by their module's name

    @hookimpl
    def get_metadata(self, datasette, key, database, table):
        return self.site.metadata

    @hookimpl
    def prepare_jinja2_environment(self, env, datasette):
        # Globals rather than extra_template_vars, which error pages do not get: the marking is
        # on a 404 too. Functions, so each page shows the marking of the snapshot it is served from.
        env.globals["protective_marking"] = lambda: self.site.marking
        env.globals["programme_name"] = lambda: self.site.programme_name

    @hookimpl
    def render_cell(self, value, column):
        if column in RAG_COLUMNS and value in RAG_CLASSES:
            return markupsafe.Markup('<span class="t2025-rag t2025-rag-{}">{}</span>').format(
                RAG_CLASSES[value], value
            )
        # Datasette turns any cell that looks like a URL into a link; text typed into the
        # programme is shown as text, never as a link someone could be led to click.
        if isinstance(value, str) and is_url(value.strip()):
            return markupsafe.escape(value)
        return None

    @hookimpl
    def asgi_wrapper(self, datasette):
        def wrap(app):
            async def read_only(scope, receive, send):
                if scope["type"] != "http":
                    await app(scope, receive, send)
                    return
                marking = self.site.marking.encode("ascii", "replace")
                if scope["method"] not in READ_METHODS:
                    await send(
                        {
                            "type": "http.response.start",
                            "status": 405,
                            "headers": [
                                (b"content-type", b"text/plain; charset=utf-8"),
                                (b"allow", b"GET, HEAD"),
                                (b"x-protective-marking", marking),
                            ],
                        }
                    )
                    await send({"type": "http.response.body", "body": REFUSAL})
                    return

                async def marked(message):
                    if message["type"] == "http.response.start":
                        headers = list(message.get("headers", []))
                        headers.append((b"x-protective-marking", marking))
                        message = {**message, "headers": headers}
                    await send(message)

                await app(scope, receive, marked)

            return read_only

        return wrap
