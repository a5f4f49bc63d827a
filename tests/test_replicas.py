"""Read replicas: a reader's request reads from one replica, chosen once for the whole request;
staff, writes and whatever follows a write in the request read the primary."""

from django.test import RequestFactory, override_settings

from articles.models import Article
from newsroom import routers

requests = RequestFactory()


@override_settings(DATABASE_REPLICAS=["replica1", "replica2"])
def test_a_readers_get_reads_from_a_replica_staff_and_writes_from_the_primary():
    assert routers.replica_for(requests.get("/en/")) in {"replica1", "replica2"}
    assert routers.replica_for(requests.head("/en/")) in {"replica1", "replica2"}
    assert routers.replica_for(requests.post("/en/search/")) == "default"
    staff = requests.get("/en/")
    staff.COOKIES["sessionid"] = "abc"
    assert routers.replica_for(staff) == "default"


def test_without_replicas_everything_reads_the_primary():
    assert routers.replica_for(requests.get("/en/")) == "default"


def test_one_replica_for_the_whole_request_until_a_write_pins_the_primary():
    router = routers.PrimaryReplicaRouter()
    assert router.db_for_read(Article) == "default"  # outside a request: a command, a worker
    with routers.ReadsFrom("replica2"):
        assert {router.db_for_read(Article) for _ in range(5)} == {"replica2"}
        assert router.db_for_write(Article) == "default"
        assert router.db_for_read(Article) == "default"  # it reads what it wrote
    assert router.db_for_read(Article) == "default"
    assert router.allow_migrate("replica1", "articles") is False and router.allow_migrate("default", "articles")


@override_settings(DATABASE_REPLICAS=["replica1"])
def test_the_middleware_reads_the_whole_request_from_the_replica_it_chose():
    from newsroom.middleware import ReplicaReadsMiddleware

    seen = []
    middleware = ReplicaReadsMiddleware(lambda request: seen.append(routers.PrimaryReplicaRouter().db_for_read(Article)))
    middleware(requests.get("/en/"))
    middleware(requests.post("/en/"))
    assert seen == ["replica1", "default"]
