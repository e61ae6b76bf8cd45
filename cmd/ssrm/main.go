// Command ssrm walks an organization through the Azure shared security
// responsibility model and writes a scored action plan.
//
// The commands here only wire flags to the packages below; each has an
// options struct and a run function that tests call directly.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
