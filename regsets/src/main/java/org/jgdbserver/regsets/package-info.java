/**
 * Register layouts and codecs for jgdbserver: the single source of truth for which registers a
 * target has, how gdb numbers them, and where the Linux kernel keeps them.
 *
 * <p>What lives here:
 * <ul>
 *   <li>Layout tables ({@link org.jgdbserver.regsets.TargetLayout}) for amd64 Linux
 *       ({@link org.jgdbserver.regsets.Amd64Linux}), i386 tasks on a 64-bit kernel
 *       ({@link org.jgdbserver.regsets.I386Linux}) and aarch64 Linux
 *       ({@link org.jgdbserver.regsets.Aarch64Linux}). Each register records its gdb number (its
 *       position in the target description and in the {@code g} packet), its byte offset in the
 *       {@code g} packet, and its {@link org.jgdbserver.regsets.Slot} in a kernel regset
 *       ({@link org.jgdbserver.regsets.Regset}: NT_PRSTATUS, NT_PRFPREG, NT_X86_XSTATE, ...).</li>
 *   <li>The target-description XML ({@link org.jgdbserver.regsets.TargetXml}) generated from those
 *       tables, in the format of the gdb manual, "Target Descriptions" appendix.</li>
 *   <li>Codecs ({@link org.jgdbserver.regsets.RegisterCodec}) between kernel regset bytes and the
 *       raw bytes of {@code g}/{@code G}/{@code p}/{@code P} (gdb manual, "Packets"), including
 *       XSTATE_BV init-state handling and the x87 abridged tag word.</li>
 * </ul>
 *
 * <p>What this module must not touch: it is pure data and byte shuffling. No ptrace, no JNA, no
 * Netty, no threads, no I/O except in tests, and no dependency on the other jgdbserver modules.
 * The tracer supplies regset bytes through {@link org.jgdbserver.regsets.RegsetSource} and writes
 * back what {@link org.jgdbserver.regsets.RegsetBuffers#dirty()} returns; the rsp-server turns
 * {@link org.jgdbserver.regsets.GPacket} into hex.
 *
 * <p>Facts (register order, types, offsets) were taken from gdb 13's feature files
 * (gdb/features/i386/*.xml, gdb/features/aarch64-*.xml), gdb/arch/amd64.c, gdb/arch/i386.c,
 * gdb/arch/aarch64.c, gdbserver/linux-x86-low.cc, gdbserver/i387-fp.cc, the Linux uapi headers
 * (asm/user.h, linux/elf.h) and the Intel SDM vol. 1 ch. 13 (XSAVE); no code was copied.
 */
package org.jgdbserver.regsets;
