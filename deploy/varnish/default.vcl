vcl 4.1;
# Varnish in front of Newsroom: caches public pages, passes staff, purges by surrogate key (xkey).
#
# The application sends each public page with the keys of what it shows (`xkey`, public/keys.py)
# and an edge lifetime (`Surrogate-Control: max-age=…, stale-while-revalidate=…`); it purges them
# with `PURGE /` and an `xkey-purge: key1 key2 …` header (public/purge.py, EDGE_PURGE_BACKEND=varnish)
# the moment a change readers can see is committed. Only the addresses in `purgers` may purge.
#
# The application servers are in backends.vcl (one file per deployment: deploy/local-cluster.sh
# writes its own; docs/DEPLOY.md). Check a configuration with `varnishd -C -f /abs/path/default.vcl`.

import std;
import directors;
import xkey;

include "./backends.vcl";

acl purgers {
    "127.0.0.1";
    "::1";
    # The application servers' addresses go here in production (docs/DEPLOY.md).
}

sub vcl_recv {
    set req.backend_hint = newsroom.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        set req.http.n-gone = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.n-gone + " objects"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Staff (a session cookie), the admin and previews are never cached or shared.
    if (req.url ~ "^/(admin|preview|i18n)/" || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Parameters that links carry for the sender's statistics change nothing on the page: one copy
    # for every link (the same list as public.caching.TRACKING_PARAMETERS and utm_*).
    if (req.url ~ "[?&](utm_[a-z_]+|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|ref_src)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z_]+|fbclid|gclid|dclid|msclkid|igshid|mc_cid|mc_eid|ref_src)=[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
    }
    # Readers carry no cookie the site reads: drop the rest (analytics, a language cookie the
    # address already says), so that every reader shares one copy of a page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    }
    # The scheme: a page kept from HTTPS is not served over plain HTTP (a TLS terminator sets it).
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Static files (WhiteNoise: a year for hashed names, a minute for plain ones) are kept as their
    # Cache-Control says; a deployment changes their hashed names, so they are never purged.
    if (bereq.url ~ "^/static/" && beresp.status == 200 && !beresp.http.Set-Cookie) {
        return (deliver);
    }
    # Pages: only what the application marked as public (it carries surrogate keys) is kept.
    if (!beresp.http.xkey || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    # Kept compressed (a page is a quarter of its size gzipped: readers on slow networks get it
    # sooner); Varnish unzips it for the rare client that does not take gzip.
    if (beresp.http.Content-Type ~ "^(text/|application/(rss\+xml|atom\+xml|xml|json|ld\+json))" &&
        !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    # The edge lifetime and grace from Surrogate-Control; purges make it exact.
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+") {
        set beresp.ttl = std.duration(regsub(beresp.http.Surrogate-Control, ".*max-age=([0-9]+).*", "\1") + "s", 60s);
    }
    if (beresp.http.Surrogate-Control ~ "stale-while-revalidate=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Surrogate-Control, ".*stale-while-revalidate=([0-9]+).*", "\1") + "s", 30s);
    }
    return (deliver);
}

sub vcl_deliver {
    # Readers never see the keys; a header says whether the page came from here.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.Surrogate-Control;
    unset resp.http.Cache-Tag;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}
