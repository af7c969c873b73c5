"""Which URLs may receive webhooks: https to public hosts outside local mode; local receivers in local mode. The
sender checks every address a name resolves to, at every request."""

from __future__ import annotations

import socket

import pytest

from crm.domain.webhooks.endpoints import WebhookEndpointCreate, check_url
from crm.errors import ValidationFailedError
from crm.outbound.webhook_sender import HttpWebhookSender
from tests.utils.webhook_receiver import WebhookReceiver


@pytest.mark.parametrize("url", [
    "https://hooks.example.com/crm", "https://93.184.216.34/in", "https://[2606:4700::1111]/x",
    "https://hooks.example.com:8443/a?b=c",
])
def test_public_https_urls_are_accepted(url):
    assert check_url(url, allow_private=False) == url


@pytest.mark.parametrize("url", [
    pytest.param("http://hooks.example.com/crm", id="plain http"),
    pytest.param("https://localhost/x", id="localhost"),
    pytest.param("https://app.localhost/x", id="a localhost name"),
    pytest.param("https://127.0.0.1/x", id="loopback"),
    pytest.param("https://10.0.0.8/x", id="private"),
    pytest.param("https://192.168.1.10/x", id="private 192.168"),
    pytest.param("https://169.254.169.254/latest/meta-data", id="link-local metadata"),
    pytest.param("https://metadata.google.internal/x", id="internal name"),
    pytest.param("https://[::1]/x", id="ipv6 loopback"),
    pytest.param("https://[::ffff:10.0.0.1]/x", id="ipv4-mapped private"),
    pytest.param("https://0.0.0.0/x", id="unspecified"),
    pytest.param("https://intranet/x", id="single-label name"),
    pytest.param("https://user:pass@hooks.example.com/x", id="credentials"),
    pytest.param("ftp://hooks.example.com/x", id="ftp"),
    pytest.param("https://hooks.example.com:0/x", id="port 0"),
    pytest.param("https://hooks.example.com:99999/x", id="bad port"),
])
def test_other_urls_are_refused_outside_local_mode(url):
    with pytest.raises(ValidationFailedError) as refused:
        check_url(url, allow_private=False)
    assert refused.value.details[0]["field"] == "url"


def test_local_mode_takes_local_http_receivers():
    assert check_url("http://127.0.0.1:8099/hooks", allow_private=True)
    with pytest.raises(ValidationFailedError):
        check_url("ftp://127.0.0.1/x", allow_private=True)


def test_the_all_events_wildcard_stands_alone_and_event_lists_are_sorted():
    assert WebhookEndpointCreate(url="https://a.example", events=["deal.won", "*"]).events == ["*"]
    assert WebhookEndpointCreate(url="https://a.example", events=["deal.won", "customer.created",
                                                                 "deal.won"]).events == ["customer.created",
                                                                                         "deal.won"]


def _resolving_to(address: str):
    def resolve(host, port, type=0):  # noqa: A002 (socket.getaddrinfo's name)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    return resolve


def test_a_public_name_that_resolves_to_a_private_address_is_refused_at_send_time():
    with WebhookReceiver() as receiver:
        port = int(receiver.url.split(":")[2].split("/")[0])
        sender = HttpWebhookSender(allow_private=False, resolve=_resolving_to("127.0.0.1"))
        result = sender.send(f"http://hooks.example.com:{port}/hooks", b"{}", {})
        assert result.status_code is None and "private" in (result.error or "")
        assert receiver.requests == [], "nothing was sent"

        local = HttpWebhookSender(allow_private=True, resolve=_resolving_to("127.0.0.1"))
        answered = local.send(f"http://hooks.example.com:{port}/hooks", b"{}", {"X-Test": "1"})
        assert answered.status_code == 200 and receiver.requests[0].headers["Host"] == f"hooks.example.com:{port}"


def test_connection_failures_and_error_answers_are_results_not_exceptions():
    with WebhookReceiver(answer=lambda request: 503) as receiver:
        result = HttpWebhookSender(allow_private=True).send(receiver.url, b"{}", {})
        assert result.status_code == 503 and result.error == "answered 503" and "receiver says no" in result.response
    unreachable = HttpWebhookSender(allow_private=True).send(receiver.url, b"{}", {})  # the server is closed now
    assert unreachable.status_code is None and unreachable.error
