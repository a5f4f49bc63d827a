# The application servers Varnish sends misses to: one `backend` each, in the `newsroom` director.
# This one is for a single server on 127.0.0.1:8000; deploy/local-cluster.sh writes its own.

backend app1 {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .probe = {
        .url = "/robots.txt";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

sub vcl_init {
    new newsroom = directors.round_robin();
    newsroom.add_backend(app1);
}
