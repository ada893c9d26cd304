from __future__ import annotations

from collections.abc import Callable
from typing import Any

from codedoc.model import CommandParameter, Language

Analyze = Callable[..., Any]

ROOT = """\
    package cmd

    import "github.com/spf13/cobra"

    var rootCmd = &cobra.Command{
    \tUse:   "shop",
    \tShort: "Runs the shop",
    }

    var serveCmd = &cobra.Command{
    \tUse:   "serve [flags] <dir> [port]",
    \tShort: "Serve the shop",
    \tRunE:  runServe,
    }

    func init() {
    \trootCmd.AddCommand(serveCmd)
    \tserveCmd.Flags().StringP("addr", "a", ":8080", "listen address")
    \tserveCmd.Flags().BoolVar(&verbose, "verbose", false, "talk more")
    \tflags := serveCmd.PersistentFlags()
    \tflags.IntVarP(&workers, "workers", "w", 4, "worker count")
    \tserveCmd.Flags().CountP("quiet", "q", "less output")
    \tserveCmd.MarkFlagRequired("addr")
    }

    func newVersionCmd() *cobra.Command {
    \treturn &cobra.Command{Use: "version", Short: "Print the version", Run: func(cmd *cobra.Command, args []string) {}}
    }
"""


def test_cobra_commands_with_parents_flags_and_arguments(analyze: Analyze) -> None:
    result = analyze(Language.GO, "cmd/root.go", ROOT)
    commands = {c.name: c for c in result.facts.commands}
    assert list(commands) == ["shop", "shop serve", "version"]
    assert (commands["shop"].help, commands["shop"].framework) == ("Runs the shop", "cobra")
    serve = commands["shop serve"]
    assert (serve.handler, serve.help, serve.location.start_line) == ("runServe", "Serve the shop", 10)
    assert serve.parameters == (
        CommandParameter(name="dir", kind="argument", required=True),
        CommandParameter(name="port", kind="argument", required=False),
        CommandParameter(name="--addr", kind="option", help="listen address", default=":8080", required=True),
        CommandParameter(name="--verbose", kind="flag", help="talk more", default="false"),
        CommandParameter(name="--workers", kind="option", help="worker count", default="4"),
        CommandParameter(name="--quiet", kind="flag", help="less output"),
    )
    assert commands["version"].handler == "(anonymous)"


def test_cobra_detector_stays_silent_without_cobra(analyze: Analyze) -> None:
    source = 'package x\n\ntype Command struct{ Use string }\n\nvar c = &Command{Use: "serve"}\n'
    assert analyze(Language.GO, "x.go", source).facts.commands == ()
