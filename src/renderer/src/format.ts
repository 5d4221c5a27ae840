// The window formats every number through the one shared formatter (src/shared/format.ts).
export * from '../../shared/format';
