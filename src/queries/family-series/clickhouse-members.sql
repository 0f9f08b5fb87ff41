SELECT key FROM family_walk WHERE $scope = 'total' OR ($scope = 'official') = (depth = 0)
