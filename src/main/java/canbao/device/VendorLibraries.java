package canbao.device;

import com.sun.jna.Function;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.win32.StdCallFunctionMapper;
import java.util.Locale;
import java.util.Map;

/**
 * How JNA is to call a vendor's library on this machine. The Windows DLLs (termb.dll, sdtapi.dll) are
 * built {@code __stdcall}: on 32-bit Windows that is a convention of its own (the callee pops the
 * arguments, and the exported names may be decorated {@code _CVR_InitComm@4}), so JNA is told
 * {@link Library#OPTION_CALLING_CONVENTION} = {@link Function#ALT_CONVENTION} and given the
 * {@link StdCallFunctionMapper}, which finds the decorated name and falls back to the plain one. On
 * 64-bit Windows there is one convention (JNA ignores a stdcall request there) and on Linux the
 * libraries are cdecl: JNA refuses {@code ALT_CONVENTION} off Windows ("Unrecognized calling
 * convention"), so no option is given. What counts is the JVM's architecture ({@code os.arch} is
 * {@code x86} for a 32-bit JVM on 64-bit Windows): a 32-bit DLL loads only into a 32-bit JVM.
 */
final class VendorLibraries {

    private VendorLibraries() {
    }

    /** The library options for a JVM on {@code osName} ({@code os.name}) and {@code osArch} ({@code os.arch}). */
    static Map<String, Object> options(String osName, String osArch) {
        return windows32(osName, osArch)
                ? Map.of(Library.OPTION_CALLING_CONVENTION, Function.ALT_CONVENTION,
                        Library.OPTION_FUNCTION_MAPPER, new StdCallFunctionMapper())
                : Map.of();
    }

    /** Whether a JVM on this OS and architecture calls stdcall DLLs with their own convention. */
    static boolean windows32(String osName, String osArch) {
        String os = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        String arch = osArch == null ? "" : osArch.toLowerCase(Locale.ROOT);
        return os.startsWith("windows") && (arch.equals("x86") || arch.matches("i[3-6]86"));
    }

    /** Loads a vendor's library with the options of this JVM's OS and architecture. */
    static <T extends Library> T load(String name, Class<T> library) {
        return Native.load(name, library, options(System.getProperty("os.name"), System.getProperty("os.arch")));
    }
}
