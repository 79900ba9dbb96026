#
# Newsroom's edge cache: Varnish 7 with the xkey vmod (Debian: varnish, varnish-modules).
#
# Public pages are cached gzipped (Vary: Accept-Encoding) by host and address, cookies
# stripped, for as long as their
# Surrogate-Control allows (articles/edge.py; capped by the next scheduled go-live). Each
# page names what it shows in its xkey header; a publish sends
#     PURGE /   with   xkey-purge: story-12 section-city author-mara-okonkwo front …
# from the app (EDGE_PURGE_URLS) and exactly those pages go. The admin, anything but
# GET/HEAD and requests of logged-in staff pass straight to the app.
# ./dev edge runs it locally; docs/deploy.md describes the headers and the purges.
#
vcl 4.1;

import std;
import xkey;

# The app (gunicorn / runserver). tests/articles/edge substitutes the port.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the app's own machine. Add the app servers' addresses in production.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    unset req.http.X-Cache;  # only ours reaches the browser

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is allowed from the app's machine only."));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the surrogate keys to purge in an xkey-purge header."));
        }
        set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.X-Purged + " objects."));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|$)") {
        return (pass);
    }
    # Logged-in staff (Django's session cookie) always see what the app serves now.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Public pages are the same for everyone: no cookie may split or skip the cache.
    unset req.http.Cookie;
    unset req.http.Authorization;

    # Tracking parameters do not change a page (the app ignores them too): one object.
    if (req.url ~ "[?&](utm_[a-z_]+|fbclid|gclid)=") {
        set req.url = regsuball(req.url, "(?<=[?&])(utm_[a-z_]+|fbclid|gclid)=[^&]*&?", "");
        set req.url = regsub(req.url, "[?&]$", "");
    }
    set req.url = std.querysort(req.url);
    return (hash);
}

sub vcl_hash {
    # Host and scheme: pages print absolute addresses built from the request.
    hash_data(req.url);
    if (req.http.host) {
        hash_data(req.http.host);
    } else {
        hash_data(server.ip);
    }
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_hit {
    set req.http.X-Cache = "HIT";
}

sub vcl_miss {
    set req.http.X-Cache = "MISS";
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_response {
    if (bereq.uncacheable) {
        return (deliver);  # passed (the admin, staff): never compressed here (BREACH)
    }
    # Compression: Varnish asks the app for gzip (http_gzip_support, on by default), keeps the
    # gzipped copy and unzips it for the rare client that does not accept gzip. Public text
    # the app sent as it is (under 200 bytes, or a static file) is gzipped here. Debian's
    # Varnish has no brotli: browsers that accept br get gzip from the edge (the app sends br
    # when it is reached directly).
    if (!beresp.http.Content-Encoding && beresp.http.Content-Type ~
            "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript|manifest\+json))") {
        set beresp.do_gzip = true;
    }
    if (beresp.http.Surrogate-Control ~ "max-age=[0-9]+" && !beresp.http.Set-Cookie) {
        # The edge's lifetime, not the browser's short Cache-Control max-age.
        set beresp.ttl = std.duration(
            regsub(beresp.http.Surrogate-Control, "^.*max-age=([0-9]+).*$", "\1s"), 0s);
        # No stale copies: a purge or a scheduled go-live shows at once.
        set beresp.grace = 0s;
        if (beresp.ttl <= 0s) {
            set beresp.ttl = 1s;
            set beresp.uncacheable = true;
        }
        return (deliver);
    }
    if (!beresp.http.Cache-Control) {
        # Pages that name no lifetime (404s, forms) are not the edge's to keep: a 404 for a
        # story about to be published must not outlive its publish.
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Anything else (static files) follows its Cache-Control (the built-in rules).
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } elsif (req.http.X-Cache) {
        set resp.http.X-Cache = req.http.X-Cache;
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # The edge's headers stay at the edge.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Control;
    # The browser may keep a page its 60 s (Cache-Control) from when it gets it, unless the
    # edge's copy ends sooner (a scheduled go-live): then the Age keeps the browser honest.
    if (obj.ttl > 60s) {
        unset resp.http.Age;
    }
}
