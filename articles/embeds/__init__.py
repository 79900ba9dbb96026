"""Outside players in a story's body (YouTube, Vimeo, social posts), behind a facade.

| module | holds |
| --- | --- |
| `providers` | the allow-list, reading an address an editor pastes (or refusing it, with why), the stored figure and its checks (the story field's, the publish gate's), plain links for feeds |
| `facade` | what readers get for each figure (a card and a link, the player on a click), and the page's policies that let exactly its players load |

Plain modules: `providers` imports no model (the story model's field uses it).
"""
