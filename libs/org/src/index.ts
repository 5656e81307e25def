export * from './entities/org-unit.entity';
export * from './entities/user.entity';
export * from './org.module';
export * from './org-units.service';
export * from './users.service';
export * from './auth.service';
export * from './auth.guard';
export * from './scope.service';
export { PLACEHOLDER_ROOT } from './rules/root';
