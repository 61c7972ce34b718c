import logging
import re

import pytest
from kazoo.client import KazooClient

from helpers import HOSTS, TEST_DIGEST_USERS, unique

logging.getLogger("kazoo").setLevel(logging.WARNING)


@pytest.fixture(scope="session")
def hosts():
    return HOSTS


@pytest.fixture
def make_client(hosts):
    """Factory for started KazooClients; all are stopped at teardown."""
    clients = []

    def factory(start=True, **kwargs):
        kwargs.setdefault("timeout", 10.0)
        kwargs.setdefault("hosts", hosts)
        c = KazooClient(**kwargs)
        clients.append(c)
        if start:
            c.start(timeout=15)
        return c

    yield factory
    for c in clients:
        try:
            c.stop()
        except Exception:
            pass
        try:
            c.close()
        except Exception:
            pass


@pytest.fixture
def zk(make_client):
    return make_client()


@pytest.fixture
def zk2(make_client):
    return make_client()


def delete_tree(client, path, depth=0):
    """Recursive delete that tolerates unreadable leaves (NoAuth on
    getChildren): deleting a leaf needs only DELETE on its parent."""
    from kazoo.exceptions import NoAuthError, NoNodeError
    if depth > 50:
        return
    try:
        children = client.get_children(path)
    except NoNodeError:
        return
    except NoAuthError:
        children = []
    for child in children:
        delete_tree(client, path + "/" + child, depth + 1)
    try:
        client.delete(path)
    except NoNodeError:
        pass


@pytest.fixture
def root(hosts, request):
    """A fresh, open-ACL persistent node for one test, removed afterwards."""
    admin = KazooClient(hosts=hosts, timeout=10.0)
    admin.start(timeout=15)
    for cred in TEST_DIGEST_USERS:
        admin.add_auth("digest", cred)
    name = re.sub(r"[^A-Za-z0-9_-]", "_", request.node.name)
    path = "/" + unique("it-" + name[:40])
    admin.create(path)
    yield path
    try:
        delete_tree(admin, path)
    finally:
        admin.stop()
        admin.close()
