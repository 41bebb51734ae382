import { FuseV1Options, FuseVersion } from '@electron/fuses';

/**
 * The Electron fuses every packed app ships with, flipped in the binary
 * itself so no environment variable or argument can turn them back:
 * no running as plain Node, no NODE_OPTIONS, no --inspect, encrypted
 * cookies, and the app only from an asar whose integrity is checked.
 */
export const appFuses = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** electron-builder's afterPack hook: runs before signing, which must come after the fuses are flipped. */
export default async function afterPack(context) {
  await context.packager.addElectronFuses(context, {
    version: FuseVersion.V1,
    // Flipping a fuse breaks an ad-hoc macOS signature; reset it (real signing follows).
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas',
    ...appFuses,
  });
}
