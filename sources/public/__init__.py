"""The sources app's public pages: the standards policy pages, the corrections page and its
RSS feed (`urls` is included by the root URLconf). They read public snapshots and policy
pages only, like the stories' public site (`articles.public`)."""
