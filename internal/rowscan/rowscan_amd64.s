#include "textflag.h"

// Both scans go eight entries a pass (two SSE comparisons of four) and
// stop at the first eight that hold a hit, or where fewer than eight are
// left: the Go loops take it from there (rowscan.go).

// func aboveBlocks(row []float32, least float32, from int) int
TEXT ·aboveBlocks(SB), NOSPLIT, $0-48
	MOVQ  row_base+0(FP), SI
	MOVQ  row_len+8(FP), CX
	MOVSS least+24(FP), X7
	SHUFPS $0x00, X7, X7
	MOVQ  from+32(FP), AX

above_loop:
	LEAQ   8(AX), DX
	CMPQ   DX, CX
	JGT    above_done
	MOVUPS (SI)(AX*4), X0
	MOVUPS 16(SI)(AX*4), X1
	CMPPS  X7, X0, $6 // X0 = !(X0 <= least)
	CMPPS  X7, X1, $6
	ORPS   X1, X0
	MOVMSKPS X0, BX
	TESTL  BX, BX
	JNZ    above_done
	MOVQ   DX, AX
	JMP    above_loop

above_done:
	MOVQ   AX, ret+40(FP)
	RET

// func reachBlocks(row, dn []float32, q, lim float32, from int) int
TEXT ·reachBlocks(SB), NOSPLIT, $0-72
	MOVQ  row_base+0(FP), SI
	MOVQ  row_len+8(FP), CX
	MOVQ  dn_base+24(FP), DI
	MOVSS q+48(FP), X6
	SHUFPS $0x00, X6, X6
	MOVSS lim+52(FP), X7
	SHUFPS $0x00, X7, X7
	MOVQ  from+56(FP), AX
	XORPS X5, X5

reach_loop:
	LEAQ   8(AX), DX
	CMPQ   DX, CX
	JGT    reach_done
	MOVUPS (DI)(AX*4), X0
	MOVUPS 16(DI)(AX*4), X1
	MULPS  X6, X0
	MULPS  X6, X1
	MOVUPS (SI)(AX*4), X2
	MOVUPS 16(SI)(AX*4), X3
	ADDPS  X2, X0
	ADDPS  X3, X1
	CMPPS  X7, X0, $5 // X0 = !(X0 < lim)
	CMPPS  X7, X1, $5
	ORPS   X1, X0
	MOVMSKPS X0, BX
	TESTL  BX, BX
	JNZ    reach_done
	MOVUPS X5, (SI)(AX*4)
	MOVUPS X5, 16(SI)(AX*4)
	MOVQ   DX, AX
	JMP    reach_loop

reach_done:
	MOVQ   AX, ret+64(FP)
	RET
