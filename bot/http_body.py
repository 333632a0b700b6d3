"""Reading an inbound request body with a cap, while it streams in — before anything parses it.

Every endpoint reads its body through `read_capped`: a declared Content-Length over the cap is refused without
reading a byte, and a chunked (or lying) body is refused as soon as the bytes received pass the cap, so the
server holds at most cap + one chunk of any request, signed or not. Endpoints check what they can of the
caller's credentials (headers, query parameters, timestamp windows) before they read the body at all.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response


class BodyTooLarge(Exception):
    """The body is (or declares itself) larger than the endpoint accepts: answer 413."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body over {limit} bytes")
        self.limit = limit


async def read_capped(request: Request, limit: int) -> bytes:
    """The whole body, at most `limit` bytes, or BodyTooLarge as soon as it is known to be longer."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.strip().isdigit() or int(declared) > limit):
        raise BodyTooLarge(limit)
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise BodyTooLarge(limit)
    return bytes(received)


def too_large() -> Response:
    """413, no body; the connection is closed so the rest of the upload is not read."""
    return Response(status_code=413, headers={"Connection": "close"})
