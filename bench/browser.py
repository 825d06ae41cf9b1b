"""A small browser for the benchmarks: keep-alive HTTP, cookies, and the forms of a page.

``Browser`` sends what a browser would (its cookies, a form's fields as the page left them,
the button pressed) over one ``http.client`` connection, reopened when the server closes it,
and times each request from sending to the last byte of the answer.
"""

import html.parser
import http.client
import time
import urllib.parse
import uuid


class Form:
    """A form's fields as a browser would post them, and what the page offers for each."""

    def __init__(self, attrs):
        self.action = attrs.get("action") or ""
        self.id = attrs.get("id") or ""
        self.multipart = (attrs.get("enctype") or "").startswith("multipart")
        self.fields: list[tuple[str, str]] = []  # (name, value) sent as the page stands
        self.choices: dict[str, list[str]] = {}  # radio and select values on offer
        self.kinds: dict[str, str] = {}  # name → input type, "textarea" or "select"
        self.buttons: list[tuple[str, str]] = []

    def data(self, changes=None, *, button=None) -> list[tuple[str, str]]:
        """The posted fields: as the page stands, with ``changes`` typed or chosen, and the
        value of the ``button`` pressed (a (name, value) pair)."""
        changes = dict(changes or {})
        posted = []
        for name, value in self.fields:
            if name in changes:
                value = changes.pop(name)
                if value is None:
                    continue
            posted.append((name, value))
        posted += [(name, value) for name, value in changes.items() if value is not None]
        if button:
            posted.append(button)
        return posted

    def value(self, name, default=""):
        return next((value for key, value in self.fields if key == name), default)


class FormParser(html.parser.HTMLParser):
    """Every ``<form>`` of a page, with its inputs, textareas, selects and buttons."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form = None
        self._textarea = None
        self._select = None
        self._option = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: (value or "") for key, value in attrs}
        if tag == "form":
            self._form = Form(attrs)
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            form.kinds[name] = kind
            if kind in ("radio", "checkbox"):
                form.choices.setdefault(name, []).append(attrs.get("value", "on"))
                if "checked" in attrs:
                    form.fields.append((name, attrs.get("value", "on")))
            elif kind == "submit":
                form.buttons.append((name, attrs.get("value", "")))
            elif kind != "file":
                form.fields.append((name, attrs.get("value", "")))
        elif tag == "button" and name:
            form.buttons.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            form.kinds[name] = "textarea"
            self._textarea = [name, ""]
        elif tag == "select" and name:
            form.kinds[name] = "select"
            self._select = [name, None, None]  # name, first value, selected value
        elif tag == "option" and self._select:
            value = attrs.get("value")
            self._option = [value, "selected" in attrs, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # A browser drops the one newline that follows <textarea>.
            self._form.fields.append((name, text.removeprefix("\n")))
            self._textarea = None
        elif tag == "option" and self._option is not None:
            self._close_option()
        elif tag == "select" and self._select is not None:
            self._close_option()
            name, first, selected = self._select
            chosen = selected if selected is not None else first
            if chosen is not None:
                self._form.fields.append((name, chosen))
            self._select = None

    def _close_option(self):
        if self._option is None:
            return
        value, selected, text = self._option
        value = text.strip() if value is None else value
        self._form.choices.setdefault(self._select[0], []).append(value)
        if self._select[1] is None:
            self._select[1] = value
        if selected:
            self._select[2] = value
        self._option = None


def forms_of(page: str) -> list[Form]:
    parser = FormParser()
    parser.feed(page)
    parser.close()
    return parser.forms


class Response:
    def __init__(self, status, headers, body, ms):
        self.status = status
        self.headers = headers
        self.body = body
        self.ms = ms

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return urllib.parse.urlsplit(self.headers.get("location", "")).path

    def header(self, name):
        return self.headers.get(name.lower())


class Browser:
    """One user's browser: a keep-alive connection and its cookies."""

    def __init__(self, host, port, *, timeout=60):
        self.host, self.port, self.timeout = host, port, timeout
        self.cookies: dict[str, str] = {}
        self.connection = None

    def _connect(self):
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def request(self, method, path, data=None, *, multipart=False) -> Response:
        headers = {"Host": f"{self.host}:{self.port}", "Accept-Language": "ja"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
            headers["Origin"] = f"http://{self.host}:{self.port}"
            if multipart:
                boundary = uuid.uuid4().hex
                body = _multipart(data, boundary)
                headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            else:
                body = urllib.parse.urlencode(data).encode()
                headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self._connect()
            start = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                answer = self.connection.getresponse()
                content = answer.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # The server closed a kept-alive connection: a GET is sent again on a new one,
                # as a browser does; a POST is not (it may have been processed).
                self.connection.close()
                self.connection = None
                if attempt == 2 or method != "GET":
                    raise
                continue
            ms = (time.perf_counter() - start) * 1000
            break
        answer_headers = {}
        for name, value in answer.getheaders():
            name = name.lower()
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                if cookie and "max-age=0" not in value.lower():
                    self.cookies[key.strip()] = cookie.strip()
                else:
                    self.cookies.pop(key.strip(), None)
            else:
                answer_headers[name] = value
        if answer.will_close:
            self.connection.close()
            self.connection = None
        return Response(answer.status, answer_headers, content, ms)

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _multipart(data, boundary) -> bytes:
    parts = []
    for name, value in data:
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        )
    parts.append(f"--{boundary}--\r\n")
    return "".join(parts).encode()
