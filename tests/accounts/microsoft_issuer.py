"""A small Microsoft identity platform of our own for the tests: it serves a tenant's signing
keys, exchanges a code for tokens it signs with a key made here, and answers Microsoft Graph's
`/v1.0/me`, over real HTTP on this machine, so allauth's own code runs unchanged against it."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

CLIENT_ID = "7f3c1a52-3c1e-4b0e-9a57-c0ffee000001"
KEY_ID = "test-signing-key"


def new_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@dataclass
class MicrosoftUser:
    tenant_id: str
    email: str
    oid: str = field(default_factory=lambda: str(uuid.uuid4()))
    amr: list[str] = field(default_factory=lambda: ["pwd"])
    name: str = "Pat Participant"


@dataclass
class Issuer:
    """What the issuer will answer to the next sign-in; a test changes it to play an attacker."""

    base_url: str
    key: rsa.RSAPrivateKey
    user: MicrosoftUser | None = None
    # Another key to sign with, as a forger would; the published keys stay the issuer's own.
    signing_key: rsa.RSAPrivateKey | None = None
    audience: str = CLIENT_ID
    issuer_tenant: str | None = None
    graph_oid: str | None = None
    access_token: str = field(default_factory=lambda: uuid.uuid4().hex)
    requests: list[str] = field(default_factory=list)

    def id_token(self) -> str:
        assert self.user is not None
        now = int(time.time())
        claims: dict[str, Any] = {
            "iss": f"{self.base_url}/{self.issuer_tenant or self.user.tenant_id}/v2.0",
            "aud": self.audience,
            "tid": self.user.tenant_id,
            "oid": self.user.oid,
            "sub": self.user.oid,
            "email": self.user.email,
            "name": self.user.name,
            "amr": self.user.amr,
            "iat": now,
            "nbf": now,
            "exp": now + 600,
        }
        key = self.signing_key or self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": KEY_ID})

    def jwks(self) -> dict[str, Any]:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        return {"keys": [{**public, "kid": KEY_ID, "use": "sig", "alg": "RS256"}]}

    def profile(self) -> dict[str, Any]:
        assert self.user is not None
        first, _, last = self.user.name.partition(" ")
        return {
            "id": self.graph_oid or self.user.oid,
            "displayName": self.user.name,
            "givenName": first,
            "surname": last,
            "mail": self.user.email,
            "userPrincipalName": self.user.email,
        }


def _handler(issuer: Issuer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            issuer.requests.append(f"GET {self.path}")
            if self.path.endswith("/discovery/v2.0/keys"):
                self._send(200, issuer.jwks())
            elif self.path.startswith("/v1.0/me"):
                if self.headers.get("Authorization") != f"Bearer {issuer.access_token}":
                    self._send(401, {"error": {"message": "Access token is missing or wrong."}})
                else:
                    self._send(200, issuer.profile())
            else:
                self._send(404, {"error": "not found"})

        def do_POST(self) -> None:
            issuer.requests.append(f"POST {self.path}")
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path.endswith("/oauth2/v2.0/token"):
                self._send(
                    200,
                    {
                        "token_type": "Bearer",
                        "expires_in": 3600,
                        "scope": "openid email profile User.Read",
                        "access_token": issuer.access_token,
                        "id_token": issuer.id_token(),
                    },
                )
            else:
                self._send(404, {"error": "not found"})

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class names it)
            """Quiet: the tests read `issuer.requests` instead."""

    return Handler


def serve() -> Iterator[Issuer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    issuer = Issuer(base_url=f"http://127.0.0.1:{server.server_address[1]}", key=new_key())
    server.RequestHandlerClass = _handler(issuer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield issuer
    finally:
        server.shutdown()
        server.server_close()
