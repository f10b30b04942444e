//go:build !windows

package main

// attachConsole is needed only on Windows; elsewhere the command line
// always has its terminal.
func attachConsole() {}
