#include "textflag.h"

// func above(row []float32, least float32, from int) int
TEXT ·above(SB), NOSPLIT, $0-48
	MOVQ  row_base+0(FP), SI
	MOVQ  row_len+8(FP), CX
	MOVSS least+24(FP), X7
	SHUFPS $0x00, X7, X7
	MOVQ  from+32(FP), AX

above_loop8:
	LEAQ   8(AX), DX
	CMPQ   DX, CX
	JGT    above_tail
	MOVUPS (SI)(AX*4), X0
	MOVUPS 16(SI)(AX*4), X1
	CMPPS  X7, X0, $6 // X0 = !(X0 <= least)
	CMPPS  X7, X1, $6
	MOVMSKPS X0, BX
	MOVMSKPS X1, R8
	SHLL   $4, R8
	ORL    R8, BX
	JNZ    above_found
	MOVQ   DX, AX
	JMP    above_loop8

above_found:
	BSFL   BX, BX
	ADDQ   BX, AX
	MOVQ   AX, ret+40(FP)
	RET

above_tail:
	CMPQ   AX, CX
	JGE    above_none
	MOVSS  (SI)(AX*4), X0
	CMPSS  X7, X0, $6
	MOVMSKPS X0, BX
	ANDL   $1, BX
	JNZ    above_done
	INCQ   AX
	JMP    above_tail

above_none:
	MOVQ   CX, AX

above_done:
	MOVQ   AX, ret+40(FP)
	RET

// func reach(row, dn []float32, q, lim float32, from int) int
TEXT ·reach(SB), NOSPLIT, $0-72
	MOVQ  row_base+0(FP), SI
	MOVQ  row_len+8(FP), CX
	MOVQ  dn_base+24(FP), DI
	MOVSS q+48(FP), X6
	SHUFPS $0x00, X6, X6
	MOVSS lim+52(FP), X7
	SHUFPS $0x00, X7, X7
	MOVQ  from+56(FP), AX
	XORPS X5, X5

reach_loop8:
	LEAQ   8(AX), DX
	CMPQ   DX, CX
	JGT    reach_tail
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
	MOVMSKPS X0, BX
	MOVMSKPS X1, R8
	SHLL   $4, R8
	ORL    R8, BX
	JNZ    reach_found
	MOVUPS X5, (SI)(AX*4)
	MOVUPS X5, 16(SI)(AX*4)
	MOVQ   DX, AX
	JMP    reach_loop8

reach_found:
	// Zero the entries before the first that reaches, then return it.
	BSFL   BX, BX
	LEAQ   (AX)(BX*1), DX

reach_zero:
	CMPQ   AX, DX
	JGE    reach_at
	MOVL   $0, (SI)(AX*4)
	INCQ   AX
	JMP    reach_zero

reach_at:
	MOVQ   AX, ret+64(FP)
	RET

reach_tail:
	CMPQ   AX, CX
	JGE    reach_at
	MOVSS  (DI)(AX*4), X0
	MULSS  X6, X0
	ADDSS  (SI)(AX*4), X0
	CMPSS  X7, X0, $5
	MOVMSKPS X0, BX
	ANDL   $1, BX
	JNZ    reach_at
	MOVL   $0, (SI)(AX*4)
	INCQ   AX
	JMP    reach_tail
