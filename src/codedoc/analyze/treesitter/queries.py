"""The syntax patterns extractors and detectors look for anywhere in a file, by language.

All patterns of a language are compiled into one tree-sitter query, so a file's tree is walked
once however many detectors ask (the walk, not the matching, is what costs). Each entry must be
a single pattern; `ParsedFile.matches(name)` returns that pattern's matches.
"""

from __future__ import annotations

from codedoc.model import Language

_JAVASCRIPT: dict[str, str] = {
    # `const s = new Server()`, `this.pool = new Pool()`: names whose class the code states
    "typed_name": """
        [(variable_declarator name: (identifier) @name value: (new_expression constructor: (_) @type))
         (assignment_expression
           left: (member_expression object: (this) property: (property_identifier) @field)
           right: (new_expression constructor: (_) @type))] @declaration
    """,
    # every call and `new`, for the call graph
    "call": """
        [(call_expression function: (_) @function) (new_expression constructor: (_) @function)] @call
    """,
    # `app.get("/x", handler)`, `router.use(…)`, `fastify.route({…})`
    "member_call": """
        (call_expression
          function: (member_expression object: (_) @object property: (property_identifier) @method)
          arguments: (arguments) @arguments) @call
    """,
    "require": """
        (call_expression
          function: (identifier) @function
          arguments: (arguments . [(string) (template_string)] @source .)
          (#eq? @function "require")) @call
    """,
    "dynamic_import": """
        (call_expression function: (import) arguments: (arguments . [(string) (template_string)] @source)) @call
    """,
    "env_member": """
        (member_expression
          object: (member_expression object: (identifier) @process property: (property_identifier) @env)
          property: (property_identifier) @name
          (#eq? @process "process") (#eq? @env "env")) @read
    """,
    "env_subscript": """
        (subscript_expression
          object: (member_expression object: (identifier) @process property: (property_identifier) @env)
          index: (string) @name
          (#eq? @process "process") (#eq? @env "env")) @read
    """,
    "env_destructure": """
        (variable_declarator
          name: (object_pattern) @pattern
          value: (member_expression object: (identifier) @process property: (property_identifier) @env)
          (#eq? @process "process") (#eq? @env "env")) @read
    """,
}

_TYPESCRIPT: dict[str, str] = {
    **_JAVASCRIPT,
    # and what TypeScript annotates: `svc: UserService` as a parameter (`constructor(private svc: …)`
    # makes it a field too), a class field, a variable
    "typed_name": """
        [(variable_declarator name: (identifier) @name value: (new_expression constructor: (_) @type))
         (assignment_expression
           left: (member_expression object: (this) property: (property_identifier) @field)
           right: (new_expression constructor: (_) @type))
         (variable_declarator name: (identifier) @name type: (type_annotation (_) @type))
         (required_parameter pattern: (identifier) @name type: (type_annotation (_) @type))
         (optional_parameter pattern: (identifier) @name type: (type_annotation (_) @type))
         (public_field_definition name: (property_identifier) @field type: (type_annotation (_) @type))] @declaration
    """,
}

_GO: dict[str, str] = {
    "typed_name": """
        [(short_var_declaration
           left: (expression_list . (identifier) @name)
           right: (expression_list . [(composite_literal type: (_) @type)
                                      (unary_expression operand: (composite_literal type: (_) @type))]))
         (parameter_declaration name: (identifier) @name type: (_) @type)
         (field_declaration name: (field_identifier) @field type: (_) @type)] @declaration
    """,
    "call": """
        (call_expression function: (_) @function) @call
    """,
    # `r.GET("/x", h)`, `os.Getenv("X")`, `cmd.Flags().StringP(…)`
    "selector_call": """
        (call_expression
          function: (selector_expression operand: (_) @object field: (field_identifier) @method)
          arguments: (argument_list) @arguments) @call
    """,
    "cobra_command": """
        (composite_literal
          type: (qualified_type package: (package_identifier) @package name: (type_identifier) @type)
          body: (literal_value) @body
          (#eq? @package "cobra") (#eq? @type "Command")) @literal
    """,
}

_JAVA: dict[str, str] = {
    "typed_name": """
        [(local_variable_declaration type: (_) @type declarator: (variable_declarator name: (identifier) @name))
         (field_declaration type: (_) @type declarator: (variable_declarator name: (identifier) @field))
         (formal_parameter type: (_) @type name: (identifier) @name)] @declaration
    """,
    "call": """
        [(method_invocation) (object_creation_expression type: (_) @function)] @call
    """,
    "getenv": """
        (method_invocation
          object: (identifier) @object
          name: (identifier) @method
          arguments: (argument_list . (string_literal) @name)
          (#eq? @object "System") (#eq? @method "getenv")) @read
    """,
}

_RUST: dict[str, str] = {
    "call": """
        (call_expression function: (_) @function) @call
    """,
    "env_call": """
        (call_expression
          function: [(scoped_identifier) (identifier)] @function
          arguments: (arguments . (string_literal) @name)) @read
    """,
    "env_macro": """
        (macro_invocation macro: (identifier) @macro (token_tree . (string_literal) @name)
          (#any-of? @macro "env" "option_env")) @read
    """,
}

PATTERNS: dict[Language, dict[str, str]] = {
    Language.JAVASCRIPT: _JAVASCRIPT,
    Language.TYPESCRIPT: _TYPESCRIPT,
    Language.TSX: _TYPESCRIPT,
    Language.GO: _GO,
    Language.JAVA: _JAVA,
    Language.RUST: _RUST,
}
