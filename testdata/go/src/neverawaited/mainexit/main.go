// Package main: a program whose main hands stdin lines to a helper and
// can return before the reader goroutine delivers them. Returning from
// main ends the process and every goroutine with it: no leak (the
// syncthing strelaysrv testutil shape).
package main

import (
	"bufio"
	"os"
)

func stdinReader(out chan<- string) {
	sc := bufio.NewScanner(os.Stdin)
	for sc.Scan() {
		out <- sc.Text()
	}
}

func forward(in <-chan string, quit string) {
	for line := range in {
		if line == quit {
			return
		}
	}
}

func main() {
	stdin := make(chan string)
	go stdinReader(stdin)
	if len(os.Args) > 1 {
		forward(stdin, os.Args[1])
	}
}
