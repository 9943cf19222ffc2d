package gofront

import (
	"go/ast"
	"go/token"
)

// syntax indexes the nodes that SSA instructions point into by a single
// position (a call's '(', a go statement's keyword), so ops get the whole
// node's range, and the names of the variables that results are bound to.
type syntax struct {
	nodes map[token.Pos]ast.Node
	names map[token.Pos][]string // call '(' → names on the left of := or =
}

func indexSyntax(files []*ast.File) *syntax {
	s := &syntax{nodes: map[token.Pos]ast.Node{}, names: map[token.Pos][]string{}}
	bind := func(lhs []ast.Expr, rhs []ast.Expr) {
		switch {
		case len(lhs) == len(rhs):
			for i, r := range rhs {
				if c, ok := ast.Unparen(r).(*ast.CallExpr); ok {
					s.names[c.Lparen] = []string{exprName(lhs[i])}
				}
			}
		case len(rhs) == 1:
			if c, ok := ast.Unparen(rhs[0]).(*ast.CallExpr); ok {
				names := make([]string, len(lhs))
				for i, l := range lhs {
					names[i] = exprName(l)
				}
				s.names[c.Lparen] = names
			}
		}
	}
	for _, f := range files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CallExpr:
				s.nodes[n.Lparen] = n
			case *ast.GoStmt:
				s.nodes[n.Go] = n
			case *ast.DeferStmt:
				s.nodes[n.Defer] = n
			case *ast.SendStmt:
				s.nodes[n.Arrow] = n
			case *ast.UnaryExpr:
				if n.Op == token.ARROW {
					s.nodes[n.OpPos] = n
				}
			case *ast.SelectStmt:
				s.nodes[n.Select] = n
			case *ast.ReturnStmt:
				s.nodes[n.Return] = n
			case *ast.RangeStmt:
				s.nodes[n.For] = n
			case *ast.AssignStmt:
				bind(n.Lhs, n.Rhs)
			case *ast.ValueSpec:
				lhs := make([]ast.Expr, len(n.Names))
				for i, id := range n.Names {
					lhs[i] = id
				}
				bind(lhs, n.Values)
			}
			return true
		})
	}
	return s
}

func exprName(e ast.Expr) string {
	switch e := ast.Unparen(e).(type) {
	case *ast.Ident:
		if e.Name == "_" {
			return ""
		}
		return e.Name
	case *ast.SelectorExpr:
		if x := exprName(e.X); x != "" {
			return x + "." + e.Sel.Name
		}
	}
	return ""
}
