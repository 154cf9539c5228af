"""{% fresh "name" %}…{% endfresh %}: the enclosed HTML from the cache until any data changes
(core/freshness.py), per user, language, day and path."""

from django import template

from core import freshness

register = template.Library()


class FreshNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)

        def build_html() -> str:
            with context.push(csrf_token=freshness.CSRF_PLACEHOLDER):
                return self.nodelist.render(context)

        return freshness.fragment(request, self.name.resolve(context), (), build_html)


@register.tag
def fresh(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("{% fresh %} takes one argument, the fragment's name")
    nodelist = parser.parse(("endfresh",))
    parser.delete_first_token()
    return FreshNode(parser.compile_filter(bits[1]), nodelist)
