from __future__ import annotations

from python_detection import detect


def test_flask_route_defaults_to_get() -> None:
    facts = detect(
        '''
        from flask import Flask

        app = Flask(__name__)

        @app.route("/")
        def hello_world():
            """Say hello."""
            return "<p>Hello, World!</p>"
        '''
    )
    assert [(r.method, r.path, r.handler, r.framework, r.summary) for r in facts.routes] == [
        ("GET", "/", "app.main.hello_world", "flask", "Say hello.")
    ]


def test_flask_route_methods_list_gives_one_route_per_method() -> None:
    facts = detect(
        """
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/login", methods=["GET", "post"])
        def login():
            if request.method == "POST":
                return do_the_login()
            return show_the_login_form()
        """
    )
    assert [(r.method, r.path) for r in facts.routes] == [("GET", "/login"), ("POST", "/login")]


def test_flask_shortcut_decorators_give_their_method() -> None:
    facts = detect(
        """
        from flask import Flask
        app = Flask(__name__)

        @app.get("/login")
        def login_get():
            ...

        @app.post("/login")
        def login_post():
            ...
        """
    )
    assert [(r.method, r.handler) for r in facts.routes] == [
        ("GET", "app.main.login_get"),
        ("POST", "app.main.login_post"),
    ]


def test_flask_blueprint_url_prefix_is_applied() -> None:
    facts = detect(
        """
        from flask import Blueprint

        bp = Blueprint("auth", __name__, url_prefix="/auth")

        @bp.route("/register", methods=("GET", "POST"))
        def register():
            ...
        """,
        path="flaskr/auth.py",
    )
    assert [(r.method, r.path, r.handler) for r in facts.routes] == [
        ("GET", "/auth/register", "flaskr.auth.register"),
        ("POST", "/auth/register", "flaskr.auth.register"),
    ]


def test_flask_routes_inside_an_app_factory_are_found() -> None:
    facts = detect(
        """
        from flask import Flask

        def create_app():
            app = Flask(__name__)

            @app.route("/hello")
            def hello():
                return "Hello, World!"

            return app
        """,
        path="flaskr/__init__.py",
    )
    assert [(r.path, r.handler) for r in facts.routes] == [("/hello", "flaskr.create_app.hello")]


def test_flask_add_url_rule_with_class_view_is_any_method() -> None:
    facts = detect(
        """
        from flask import Flask
        from flask.views import MethodView
        app = Flask(__name__)

        class UserAPI(MethodView):
            def get(self, id):
                ...

        def index():
            ...

        app.add_url_rule("/users/<int:id>", view_func=UserAPI.as_view("user"))
        app.add_url_rule("/", "index", index)
        """
    )
    assert [(r.method, r.path, r.handler) for r in facts.routes] == [
        ("ANY", "/users/<int:id>", "app.main.UserAPI"),
        ("GET", "/", "app.main.index"),
    ]


def test_flask_views_module_with_imported_app_is_detected() -> None:
    facts = detect(
        """
        from myapp import app

        @app.route("/about")
        def about():
            ...
        """,
        path="myapp/views.py",
    )
    assert [(r.method, r.path, r.framework) for r in facts.routes] == [("GET", "/about", "flask")]


def test_flask_get_method_on_a_plain_object_is_not_a_route() -> None:
    facts = detect(
        """
        from flask import Flask
        import redis
        app = Flask(__name__)
        store = redis.Redis()

        @store.get("/x")
        def not_a_view():
            ...
        """
    )
    assert facts.routes == ()
